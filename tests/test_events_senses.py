"""Trigger words used in a sense that names no happening (``events/data/senses.tsv``): each row
holds on the use it describes, and not on the same word telling an event. Rows of verbs that are
no trigger word stand for the main verb of a sentence with no trigger word."""

from __future__ import annotations

import pytest
from spacy.tokens import Span, Token

from newsevents.events.features import event_root, lemma, read_table, triggers_by_salience
from newsevents.events.senses import SENSES_FILE, names_no_happening
from newsevents.events.triggers import TRIGGERS
from newsevents.nlp import load_language


def word(text: str, which: str) -> Token:
    return next(t for t in load_language()(text) if t.text == which)


def test_each_sense_is_of_a_trigger_word_or_a_verb_and_says_where_it_came_from() -> None:
    for row in read_table(SENSES_FILE):
        assert row["lemma"] in TRIGGERS or row["pos"] in ("VERB", "*"), row
        assert row["provenance"], row
        assert row["pos"], row


@pytest.mark.parametrize(
    ("text", "which"),
    [
        ("The incident happened in the 1400 block of Orchard Avenue.", "block"),
        ("Yellow crime tape still blocked off part of the area.", "blocked"),
        ("He died about 8 p.m., Lt. Thomas Pawlak said in a release.", "release"),
        ("The two were treated at the hospital and released Saturday.", "released"),
        ("Video of his death was released in August 2014.", "released"),
        ("The bruises were inflicted by Uganda's security forces.", "forces"),
        ("The police took the rare step of releasing two numbers.", "step"),
        ("She spoke at a press conference on Monday.", "press"),
        ("He founded a group called Citizen Action.", "called"),
        ("People who knew him called him Jim.", "called"),
        ("Police were called to the house at 7:30 p.m.", "called"),
        ("A deputy arrived at the house to find the victim.", "arrived"),
        ("Cameras captured grieving family members outside.", "captured"),
        ("Read or Share this story: http://indy.st/1SuFbri", "Share"),
        ("The wildlife commission is in charge of the investigation.", "charge"),
        ("He was seen in Praia da Luz and surrounding areas.", "surrounding"),
        ("He grabbed the revolver and pulled the trigger.", "pulled"),
        ("Neighbors, who declined to be identified, heard shots.", "declined"),
        ("Efforts to save the girl failed at a local hospital.", "failed"),
        ("Following the article of 11 march 2022, she wrote again.", "march"),
        ("Once officers got into the home, the gunfire stopped.", "stopped"),
        ("Officers were dispatched to the home shortly after 9 p.m.", "dispatched"),
        ("The efforts have yielded some results.", "yielded"),
        ("Caine was holding the gun when a round was fired.", "holding"),
        ("A banking crisis has caused supply chain disruptions.", "supply"),
        ("She says an officer recognized her but another pointed his gun at her.", "recognized"),
        ("Surgeons removed the bullets lodged in her neck.", "lodged"),
        ("Bobak asked his mother in court if the child listened to her.", "asked"),
        ("What al-Shabab person has a child, she asked.", "asked"),
        ("I'm glad to be alive and appreciate your support.", "support"),
        ("Detectives at the Oak Street station interviewed the driver.", "station"),
        ("Deputies executed two search warrants on Friday.", "executed"),
        ("The columnist wrote a blistering attack on the union.", "attack"),
        ("As demonstrated in the audit, the figures were wrong.", "demonstrated"),
        ("She was treated for non-life-threatening injuries.", "threatening"),
        ("Police blocked off Main Street for several hours.", "blocked"),
        ("The rifle fired while the boy was holding it.", "holding"),
        ("The force of the blast shattered the windows.", "force"),
        ("Detectives from the homicide unit were called to a house on Elm Street.", "called"),
        ("Responding to a 6:40 p.m. call, deputies found a man in the yard.", "call"),
        ("The call came in from a neighbour just after midnight.", "call"),
        ("The school sits two blocks away from the park where it happened.", "blocks"),
        ("The crash happened just blocks away from the stadium.", "blocks"),
        ("The car was parked in the 2100-block of Pine Road.", "block"),
        ("Neighbours had gathered on that block for a cookout.", "block"),
        ("A wedding reception was being held at the hall next door.", "held"),
        ("The ruling party has held sham elections for years.", "held"),
        ("Juntas have held this sort of rigged elections for decades.", "held"),
        ("It was the kind of election the junta held.", "held"),
        ("Her brother held strong political views.", "held"),
        ("Officials have seldom held accountable the guards who beat inmates.", "held"),
        ("Somehow the toddler got a hold of a loaded pistol.", "hold"),
        ("The news of her death hit him very hard.", "hit"),
        ("Prayers are to be held on Sunday for the victims.", "held"),
        ("Investigators exhumed a grave in a district once held by the militia.", "held"),
        ("Questions surrounding the deal remain unanswered.", "surrounding"),
        ("He would not discuss the circumstances surrounding his departure.", "surrounding"),
        ("Buyers must pay for the tickets in advance.", "advance"),
        ("He threw the receipt away after lunch.", "threw"),
        ("She lost her long battle with cancer in May.", "battle"),
        ("Doctors say there may be no disease left to battle.", "battle"),
        ("The navy, the air force and the police took part in the search.", "force"),
        ("The ministry set up a task force on floods.", "force"),
        ("The small kingdom shares long borders with two rivals.", "shares"),
        ("The minister was first to share news of the arrest.", "share"),
        ("Residents went online, sharing videos of the flood.", "sharing"),
        ("Both players hail from the same village.", "hail"),
        ("The plan has met with fierce criticism from farmers.", "met"),
        ("The ruling dealt another heavy blow to the party.", "dealt"),
        ("The ruling dealt another heavy blow to the party.", "blow"),
        ("Much of the old market was reduced to ashes.", "reduced"),
        ("A survey released on Monday shows rising prices.", "released"),
        ("The clinic struggled to keep receiving the wounded.", "receiving"),
        ("The embassy did not answer a letter requesting comment.", "requesting"),
        ("The company has ignored repeated requests for comment.", "requests"),
        ("A spokesman, asked for comment on Friday, said nothing.", "asked"),
        ("The paper asked the ministry for further comment.", "asked"),
        (
            "Two men were shot dead\n\nWarning: This story describes graphic violence.",
            "Warning",
        ),
        ("WARNING: This video contains disturbing images.", "WARNING"),
        ("The crash happened in the first block of Elm Road.", "block"),
        ("Shell casings were found over four blocks of the neighbourhood.", "blocks"),
        ("The shooting shook her block, where she has lived for decades.", "block"),
        ("Officers and medics blocked the road for most of the night.", "blocked"),
        ("The avenue stayed blocked while detectives searched the car.", "blocked"),
        ("I held on to him and kept him talking.", "held"),
        ("The judge held off on a ruling until Monday.", "held"),
        ("She held a degree in nursing from a state college.", "held"),
        ("If we listen to them, they'll stop dying.", "stop"),
        ("He slammed the door shut and ran.", "shut"),
        ("Deputies shut down part of Oak Road for hours.", "shut"),
        ("He grew up on the same block as the victim.", "block"),
        ("A news crew captured footage of officers at the house.", "captured"),
        ("Neighbours were at a block party when the shots rang out.", "block"),
    ],
)
def test_a_word_in_a_sense_that_names_no_happening(text: str, which: str) -> None:
    trigger = word(text, which)
    assert lemma(trigger) in TRIGGERS
    assert names_no_happening(trigger)


@pytest.mark.parametrize(
    ("text", "which"),
    [
        ("Protesters blocked the main road to the airport.", "blocked"),
        ("Rebels announced the release of 20 hostages.", "release"),
        ("The army released 40 prisoners on Monday.", "released"),
        ("Police used force to disperse the crowd.", "force"),
        ("The president called the Russian leader on Monday.", "called"),
        ("Troops captured the town after a week of fighting.", "captured"),
        ("Thousands of workers joined the march on Sunday.", "march"),
        ("Prosecutors filed a murder charge against him.", "charge"),
        ("The government declined the request for talks.", "declined"),
        ("The court stopped the sale of the factory.", "stopped"),
        ("The army dispatched troops to the border.", "dispatched"),
        ("The government yielded to pressure and freed the prisoners.", "yielded"),
        ("Police are holding three suspects.", "holding"),
        ("Russia recognized Abkhazia as independent.", "recognized"),
        ("Her lawyer lodged a complaint with the police.", "lodged"),
        ("The mayor asked residents to leave the area.", "asked"),
        ("He asked the court to explain why he was held.", "asked"),
        ("Kyiv thanked Washington for its military support.", "support"),
        ("Gunmen launched an attack on the police station.", "attack"),
        ("The army gave the rebels a final warning: leave the town or be shelled.", "warning"),
        ("Warning of graphic reprisals, the rebels gave the town a day to surrender.", "Warning"),
        ("The regime executed two dissidents on Friday.", "executed"),
        ("Thousands demonstrated outside parliament.", "demonstrated"),
        ("The gang threatened the shop owner with a knife.", "threatened"),
        ("Protesters blocked off the highway to the port.", "blocked"),
        ("Soldiers used excessive force against the crowd.", "force"),
        ("Protesters were called to the square by the opposition.", "called"),
        ("The minister answered a call for calm with a curfew.", "call"),
        ("Troops set up a road block outside the village.", "block"),
        ("Reporters were blocked from entering the court.", "blocked"),
        ("Striking miners blocked the road to the mine for a week.", "blocked"),
        ("Riot police blocked the marchers from reaching the palace.", "blocked"),
        ("Rebels held the aid workers for three weeks.", "held"),
        ("The suspect is being held at the county jail.", "held"),
        ("A stray bullet hit him in the leg.", "hit"),
        ("Soldiers surrounded the village before dawn.", "surrounded"),
        ("The hostages were held by the gunmen for a week.", "held"),
        ("The army's advance on the city stalled in the rain.", "advance"),
        ("Youths threw stones at the police.", "threw"),
        ("Troops won the battle for the bridge.", "battle"),
        ("The police used force to clear the square.", "force"),
        ("The two parties share power under the deal.", "share"),
        ("Thousands of supporters hail the new president.", "hail"),
        ("The minister met with union leaders on Friday.", "met"),
        ("The rebels released a dozen hostages on Sunday.", "released"),
        ("Congress reduced the aid budget to zero.", "reduced"),
        ("The robber dealt him a blow to the head with a bat.", "blow"),
        ("The president received the envoy at the palace.", "received"),
        ("The rebels requested a ceasefire for the holiday.", "requested"),
        ("The union asked the court for an injunction.", "asked"),
        ("He was held on $50,000 bond.", "held"),
        ("Police stopped the car on the highway.", "stopped"),
        ("The government shut down the newspaper.", "shut"),
        ("Police shut down the protest.", "shut"),
    ],
)
def test_the_same_word_telling_an_event_is_kept(text: str, which: str) -> None:
    assert not names_no_happening(word(text, which))


def first_sentence(text: str) -> Span:
    return next(iter(load_language()(text).sents))


@pytest.mark.parametrize(
    "text",
    [
        "Deputies found the boy in a field behind the school.",
        "Investigators described the suspect as a tall man in a grey coat.",
        "Screws and wires believed to be from the device lay on the pavement.",
        "The box contained clothes and a pair of boots.",
        "A crowd stood behind the police tape until dark.",
        "We are trying to reach the family, the detective said.",
        "Her father was building a fence behind the house that morning.",
        "In 2010, she won a national award for her reporting.",
        "The doctor is the best-known figure of the movement.",
        "The spokesman confirmed the incident on Sunday.",
        "Detectives identified the driver as a 40-year-old local man.",
        "Officers are still looking for a red backpack.",
        "The sheriff expects the girl to recover fully.",
        "Deputies recovered the rifle near the barn.",
        "Two boys were playing with a pistol in the bedroom.",
        "Yellow tape wraps around the parking lot.",
        "The woman was taken to a regional hospital by her neighbour.",
        "Firefighters responded to a report of a man down.",
        "The suspected offences include fraud and forgery.",
        "The group published two pamphlets last spring.",
        "He is seen here on a doorbell camera.",
        "The mayor took to Facebook to mourn the boy.",
        "It took nearly two hours to clear the scene.",
        "He was taken by paramedics and a helicopter crew to a landing zone.",
        "The girl is being treated at a children's hospital downtown.",
        "A woman was caught on a doorbell camera near the porch.",
        "The clip depicts a scuffle between guards and a visitor.",
        "The weekly posted a recording of the interview online.",
        "A senator tweeted a photo of the officers.",
        "The report revealed that dozens of migrants died at sea.",
        "A father recounts the night his son went missing.",
        "She later learned that her brother was in prison.",
        "Reporters noticed a line of police vans outside the court.",
        "Her lawyers contend that she is innocent.",
        "The ministry acknowledges the right of citizens to assemble.",
        "The mayor referred all questions to the police chief.",
        "One post compared the soldiers to a gang of thieves.",
        "The victim attended a high school across town.",
        "The suspect lived with his aunt near the river.",
        "Detectives spent the evening combing the field.",
        "The farm has a long gravel driveway.",
        "The courts have become instruments of the ruling party.",
        "Arrivals averaged 300 people a day in March.",
        "The council governs the district under emergency rules.",
        "Prison has taught him patience, he said.",
        "Officers worked through the night on the case.",
        "Neighbours prayed for the family on Sunday evening.",
        "Investigators determined the car was registered to his brother.",
        "The hospital updated her condition to stable.",
        "The couple had parked near the river that evening.",
        "He dressed as a priest for the party.",
        "Readers can download the app for free.",
        "He left a letter on the kitchen table.",
        "A spokesman put the number of volunteers at about 500.",
        "Deputies responded and found two men in the yard.",
        "Officers also recovered cash and drugs from the house.",
        "The two men were seen leaving in a grey pickup.",
        "Police cordoned off the park for the afternoon.",
        "Officers cordon off the street after every crash.",
        "A detective placed yellow markers beside the curb.",
        "The footage later helped detectives identify the driver.",
        "A photo shows the broken windows of the shop.",
        "Lessons will resume on Monday morning.",
        "according to the sheriff.",
        "Imagine a hall full of forty people.",
        "Police have spoken to several witnesses.",
        "Two teenagers were supposed to be watching the children.",
        "He legally obtained the rifle in May.",
        "Officers conducted a sweep of the park for evidence.",
        "Officers process the scene outside the store.",
        "Detectives are still attempting to determine the motive.",
        "Police encourage anyone with information to contact detectives.",
    ],
)
def test_a_sentence_whose_main_verb_names_no_happening_tells_no_event(text: str) -> None:
    sentence = first_sentence(text)
    assert not triggers_by_salience(sentence)  # the path with no trigger word
    assert names_no_happening(event_root(sentence))


@pytest.mark.parametrize(
    ("text", "which"),
    [
        ("The jury found him guilty of murder.", "found"),
        ("The man was found dead in his car.", "found"),
        ("The minister stood down on Monday.", "stood"),
        ("Russia built up its forces near the border.", "built"),
        ("The army recovered the town after a week.", "recovered"),
        ("Troops secured the airport on Monday.", "secured"),
        ("He was taken into custody on Friday.", "taken"),
        ("Police are looking into the incident.", "looking"),
        ("Thousands took to the streets on Sunday.", "took"),
        ("The thief was caught by police near the porch.", "caught"),
        ("The blast left four people dead and nine injured.", "left"),
        ("The regime put two dissidents to death on Friday.", "put"),
        ("The man was placed under arrest on Friday.", "placed"),
        ("Police placed the driver in custody.", "placed"),
    ],
)
def test_the_same_verb_telling_a_happening_is_left_to_the_detector(text: str, which: str) -> None:
    assert not names_no_happening(word(text, which))
